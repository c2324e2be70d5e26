import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs XMLParser over config.xml and collects every element with its attributes.
///
/// On Linux `XMLParser.parse()` returns `true` for many malformed documents, so success is
/// judged only by whether ``parseErrorOccurred`` fired. Parsing stops at the first error,
/// whose position is the one worth reporting.
final class MIDConfigXMLReader: NSObject, XMLParserDelegate {
    /// One start tag as XMLParser reported it.
    struct Element {
        var name: String
        var attributes: [String: String]
        /// The line where the start tag ends, which is what XMLParser knows.
        var line: Int
        var depth: Int
    }

    /// The first error and where it happened.
    struct Failure: Error {
        var code: Int
        var line: Int
        var column: Int
        /// The innermost element still open at the error.
        var openElement: OpenElement?
    }

    /// An element whose end tag has not been seen yet.
    struct OpenElement {
        var name: String
        /// The element's position in document order among all start tags.
        var index: Int
        /// The line XMLParser reported for its start tag.
        var line: Int
    }

    private(set) var elements: [Element] = []
    private(set) var failure: Failure?
    private var openElements: [OpenElement] = []

    /// Parses `data` and returns the collected elements, or the first error.
    static func read(_ data: Data) -> Result<[Element], Failure> {
        let reader = MIDConfigXMLReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        parser.shouldResolveExternalEntities = false

        let succeeded = parser.parse()
        if let failure = reader.failure {
            return .failure(failure)
        }

        guard succeeded || parser.parserError == nil else {
            let code = (parser.parserError as? NSError)?.code ?? 0
            return .failure(Failure(code: code, line: parser.lineNumber, column: parser.columnNumber))
        }
        return .success(reader.elements)
    }

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        guard failure == nil else {
            return
        }

        let element = Element(
            name: elementName,
            attributes: attributes,
            line: parser.lineNumber,
            depth: openElements.count
        )
        openElements.append(OpenElement(name: elementName, index: elements.count, line: parser.lineNumber))
        elements.append(element)
    }

    func parser(
        _ parser: XMLParser,
        didEndElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?
    ) {
        _ = openElements.popLast()
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        guard failure == nil else {
            return
        }

        failure = Failure(
            code: (parseError as NSError).code,
            line: parser.lineNumber,
            column: parser.columnNumber,
            openElement: openElements.last
        )
        parser.abortParsing()
    }
}
