extension MIDConfigFile {
    static func readError(path: String, failure: ConfigurationFileReader.Failure) -> MidkvError {
        let message: String
        let fix: String
        switch failure {
        case .notFound:
            message = "config.xml not found at \(path)"
            fix = "Give the path of the MID Server's agent/config.xml, inside the MID installation folder."
        case .notAFile:
            message = "\(path) is not a file"
            fix = "Give the path of the config.xml file itself, not of a folder, device or pipe."
        case .permissionDenied:
            message = "config.xml at \(path) cannot be read: permission denied"
            fix = "Run midkv as the MID Server's service account, or grant that user read access to the file."
        case .tooLarge:
            message = "config.xml at \(path) cannot be read: \(failure)"
            fix = "Give the path of the MID Server's agent/config.xml; a file this large is not one."
        case .failed(let reason):
            message = "config.xml at \(path) cannot be read: \(reason)"
            fix = "Check that the file and the disk holding it are readable."
        }

        return MidkvError(
            .configUnreadable,
            message,
            evidence: [Evidence("file", path), Evidence("reason", failure.description)],
            fix: fix,
            underlying: failure
        )
    }

    static func emptyError(path: String) -> MidkvError {
        MidkvError(
            .configUnreadable,
            "config.xml at \(path) is empty",
            evidence: [Evidence("file", path)],
            cause: "The file holds no <parameters> element; it may have been truncated while being saved.",
            fix: "Restore config.xml from a backup or from the MID Server installation package."
        )
    }

    static func tooLargeError(path: String, size: Int) -> MidkvError {
        MidkvError(
            .configUnreadable,
            "config.xml at \(path) is \(size) bytes, more than the \(maximumParsedBytes >> 20) MiB midkv parses",
            evidence: [Evidence("file", path), Evidence("size", "\(size) bytes")],
            cause: """
                A MID Server's config.xml holds a few kilobytes of parameters; a file this large is \
                another file, or one that something kept writing to.
                """,
            fix: "Give the path of the MID Server's agent/config.xml, or restore it from a backup."
        )
    }

    static func malformedError(path: String, failure: MIDConfigXMLReader.Failure, startLines: [Int]) -> MidkvError {
        var evidence = [
            Evidence("file", path),
            Evidence("line", String(failure.line)),
            Evidence("column", String(failure.column)),
            Evidence("parser error", XMLErrorText.describe(failure.code)),
        ]
        if let open = failure.openElement, XMLErrorText.isUnclosedElement(failure.code) {
            let line = open.index < startLines.count ? startLines[open.index] : open.line
            evidence.append(Evidence("unclosed element", "<\(open.name)> opened on line \(line)"))
        }

        return MidkvError(
            .configUnreadable,
            "config.xml is not well-formed XML at line \(failure.line), column \(failure.column): "
                + XMLErrorText.describe(failure.code),
            evidence: evidence,
            cause: "The MID Server cannot parse this file either; it will not start with it.",
            fix: "Correct the XML near line \(failure.line), column \(failure.column) of \(path). "
                + "Each parameter must be written as <parameter name=\"…\" value=\"…\"/>, "
                + "with & written as &amp; and < as &lt; inside values."
        )
    }

    static func wrongRootError(path: String, root: String, line: Int) -> MidkvError {
        MidkvError(
            .configUnreadable,
            "config.xml at \(path) has root element <\(root)>, not <\(rootElementName)>",
            evidence: [Evidence("file", path), Evidence("line", String(line)), Evidence("root element", root)],
            cause: "This is not a MID Server config.xml; the MID reads only a <parameters> document.",
            fix: "Give the path of the MID Server's agent/config.xml, whose root element is <parameters>."
        )
    }
}
