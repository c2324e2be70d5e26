import Foundation
import MidkvCore

/// Puts log files in the order they were written: the MID writes `agent0.log.0` and renames it
/// to `.1`, `.2` … as it rotates, so the highest number is the oldest.
enum LogFileOrder {
    /// One entry of the list to scan: a file, or the reason a given path gives none.
    enum Entry: Sendable {
        case file(String)
        case problem(MidkvError)
    }

    /// The files in `paths`, folders replaced by the agent logs in them, oldest rotation first.
    ///
    /// Files of one log (`agent0.log.3`, `agent0.log.0`, `agent0.log.1.gz`) are grouped and
    /// sorted; groups keep the order in which they were first named; duplicates are dropped.
    static func oldestFirst(_ paths: [String]) -> [Entry] {
        var entries: [Entry] = []
        var seen: Set<String> = []
        for path in paths.flatMap(expand) {
            guard case .file(let file) = path else {
                entries.append(path)
                continue
            }
            if seen.insert(file).inserted {
                entries.append(path)
            }
        }
        return sorted(entries)
    }

    /// The rotation a path belongs to and its generation: `("logs/agent0.log", 3)` for
    /// `logs/agent0.log.3.gz`; no generation for a name without one.
    static func generation(of path: String) -> (base: String, generation: Int?) {
        let name = path.hasSuffix(".gz") ? String(path.dropLast(3)) : path
        guard let dot = name.lastIndex(of: "."), let number = Int(name[name.index(after: dot)...]),
            number >= 0, name[..<dot].hasSuffix(".log")
        else {
            return (name, nil)
        }
        return (String(name[..<dot]), number)
    }

    private static func sorted(_ entries: [Entry]) -> [Entry] {
        var groups: [String: Int] = [:]
        let keyed = entries.enumerated().map { index, entry in
            guard case .file(let path) = entry else {
                return (group: index, generation: 0, index: index, entry: entry)
            }
            let (base, generation) = generation(of: path)
            let group = groups[base, default: index]
            groups[base] = group
            return (group: group, generation: -(generation ?? -1), index: index, entry: entry)
        }
        return keyed.sorted { ($0.group, $0.generation, $0.index) < ($1.group, $1.generation, $1.index) }
            .map(\.entry)
    }

    private static func expand(_ path: String) -> [Entry] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            return [.file(path)]
        }

        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let logs = names.filter { $0.hasPrefix("agent") && $0.contains(".log") && !$0.hasSuffix(".lck") }.sorted()
        guard !logs.isEmpty else {
            return [.problem(noLogs(in: path))]
        }
        return logs.map { .file(URL(fileURLWithPath: path).appendingPathComponent($0).path) }
    }

    private static func noLogs(in folder: String) -> MidkvError {
        MidkvError(
            .logUnreadable,
            "The folder \(folder) holds no MID agent log",
            evidence: [Evidence("folder", folder)],
            fix: "Name the MID's agent/logs folder, or the agent0.log.* files in it."
        )
    }
}
