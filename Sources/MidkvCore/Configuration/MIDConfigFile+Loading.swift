import Foundation

extension MIDConfigFile {
    /// The root element every config.xml has.
    public static let rootElementName = "parameters"

    /// The element name of one setting.
    public static let parameterElementName = "parameter"

    /// The largest config.xml parsed: a MID's holds a few kilobytes, and XMLParser on Linux
    /// (libxml2) gives up past 10,000,000 bytes with an internal error that names no cause.
    public static let maximumParsedBytes = 8 << 20

    /// Reads and parses the config.xml at `path`.
    ///
    /// - Parameters:
    ///   - path: The file, usually `<MID install>/agent/config.xml`.
    ///   - reader: Where the bytes come from; the local file system by default.
    /// - Throws: ``MidkvError`` with code `config.unreadable` when the file is missing,
    ///   unreadable, empty, not well-formed, or has a root other than `<parameters>`.
    public init(contentsOf path: String, reader: ConfigurationFileReader = .system) throws {
        let data: Data
        do {
            data = try reader.read(path)
        } catch {
            throw Self.readError(path: path, failure: error)
        }
        try self.init(parsing: data, path: path)
    }

    /// Parses config.xml text already in memory.
    ///
    /// - Parameters:
    ///   - data: The file's bytes, in the encoding its XML declaration names (UTF-8 by default).
    ///   - path: The path to name in messages.
    /// - Throws: ``MidkvError`` with code `config.unreadable` when the text is empty, larger
    ///   than ``maximumParsedBytes``, not well-formed, or has a root other than `<parameters>`.
    public init(parsing data: Data, path: String) throws {
        guard data.contains(where: { !ASCII.isSpace($0) }) else {
            throw Self.emptyError(path: path)
        }
        guard data.count <= Self.maximumParsedBytes else {
            throw Self.tooLargeError(path: path, size: data.count)
        }

        let scan = MIDConfigScanner.scan(Self.scannableBytes(data))
        switch MIDConfigXMLReader.read(data) {
        case .success(let elements):
            try self.init(path: path, elements: elements, scan: scan)
        case .failure(let failure):
            throw Self.malformedError(path: path, failure: failure, startLines: scan.startTagLines)
        }
    }

    private init(path: String, elements: [MIDConfigXMLReader.Element], scan: MIDConfigScanner.Result) throws {
        guard let root = elements.first else {
            throw Self.emptyError(path: path)
        }

        let lines = Self.startLines(elements, scan.startTagLines)
        guard root.name == Self.rootElementName else {
            throw Self.wrongRootError(path: path, root: root.name, line: lines[0])
        }

        var parameters: [MIDConfigParameter] = []
        var unexpected: [UnexpectedElement] = []
        for (element, line) in zip(elements, lines).dropFirst() {
            let name = element.attributes["name"]
            if element.name == Self.parameterElementName, let name {
                parameters.append(MIDConfigParameter(name: name, attributes: element.attributes, line: line))
            } else {
                unexpected.append(UnexpectedElement(elementName: element.name, line: line, nameAttribute: name))
            }
        }

        self.path = path
        self.parameters = parameters
        self.unexpectedElements = unexpected
        self.commentedParameters = scan.commentedParameters
    }

    /// The bytes the scanner reads: UTF-8 as is, and UTF-16 with a byte-order mark (as some
    /// Windows editors save it) transcoded to UTF-8, so markup stays ASCII bytes.
    private static func scannableBytes(_ data: Data) -> [UInt8] {
        let bytes = Array(data)
        let utf16Marks: [[UInt8]] = [[0xFF, 0xFE], [0xFE, 0xFF]]
        guard utf16Marks.contains(where: bytes.starts(with:)), let text = String(data: data, encoding: .utf16) else {
            return bytes
        }
        return Array(text.utf8)
    }

    /// The scanner's start-tag lines when they line up with the parser's elements; otherwise
    /// (entity expansions, exotic markup) the parser's own lines.
    private static func startLines(_ elements: [MIDConfigXMLReader.Element], _ scanned: [Int]) -> [Int] {
        scanned.count == elements.count ? scanned : elements.map(\.line)
    }
}
