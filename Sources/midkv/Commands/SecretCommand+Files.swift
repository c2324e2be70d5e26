import Foundation
import Glibc
import MidkvSupport

extension SecretCommand {
    /// A file that receives a secret value: created with mode 0600 beside its final name, then
    /// linked or renamed into place.
    struct PrivateFile {
        /// The absolute path.
        let path: String
        /// The path as the user wrote it, for messages.
        let shown: String

        /// Writes `data`; see ``SecretCommand/writePrivate(_:to:replacing:inputs:context:)``.
        func write(_ data: Data, replacing: Bool, inputs: [String]) throws {
            if inputs.contains(where: isSameFile) {
                throw UsageError("refusing to overwrite the input '\(shown)'; choose another output file")
            }
            if !replacing, FileManager.default.fileExists(atPath: path) {
                throw UsageError("'\(shown)' exists; choose another output file or add --force to replace it")
            }

            let temporary = URL(fileURLWithPath: path).deletingLastPathComponent()
                .appendingPathComponent(".midkv-\(UUID().uuidString.prefix(8)).tmp").path
            try writeNew(data, at: temporary)
            defer { unlink(temporary) }
            try place(temporary, replacing: replacing)
        }

        private func writeNew(_ data: Data, at temporary: String) throws {
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                throw failure("cannot create a file next to")
            }
            defer { close(descriptor) }

            fchmod(descriptor, 0o600)
            guard FileWriter.writeAll(data, to: descriptor), fsync(descriptor) == 0 else {
                throw failure("cannot write")
            }
        }

        /// Moves the finished file into place: `link` refuses an existing file, `rename` replaces it.
        private func place(_ temporary: String, replacing: Bool) throws {
            let placed = replacing ? rename(temporary, path) : link(temporary, path)
            guard placed == 0 else {
                if errno == EEXIST {
                    throw UsageError("'\(shown)' exists; choose another output file or add --force to replace it")
                }
                throw failure("cannot write")
            }
        }

        private func isSameFile(_ other: String) -> Bool {
            var mine = stat()
            var theirs = stat()
            guard stat(path, &mine) == 0, stat(other, &theirs) == 0 else {
                return false
            }
            return mine.st_dev == theirs.st_dev && mine.st_ino == theirs.st_ino
        }

        private func failure(_ action: String) -> WriteError {
            WriteError(description: "\(action) '\(shown)': \(String(cString: strerror(errno)))")
        }

        /// The output file could not be written.
        struct WriteError: Error, CustomStringConvertible {
            let description: String
        }
    }
}
