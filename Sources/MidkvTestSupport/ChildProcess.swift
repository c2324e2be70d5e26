import Foundation
import Glibc
import Synchronization

/// A child process started with `posix_spawn`, its standard streams on pipes.
///
/// Tests use it instead of Foundation's `Process`, whose `run()` has crashed here while a
/// busy test process held many file descriptors. Reads and writes retry when a signal (the
/// SIGCHLD of another test's child) interrupts them.
public final class ChildProcess: Sendable {
    /// How a child ended, and what it wrote.
    public struct Result: Sendable {
        /// The exit status, or 128 plus the signal that ended it.
        public var status: Int32
        /// What it wrote to standard output.
        public var stdout: Data
        /// What it wrote to standard error.
        public var stderr: Data
    }

    /// The child's process ID.
    public let pid: pid_t
    private let input: Int32
    private let output: Int32
    private let errors: Int32

    /// Held while pipes are made and a child is spawned, so no other child inherits a pipe end
    /// between `pipe` and `fcntl(FD_CLOEXEC)`.
    private static let spawning = Mutex(())

    /// Starts `executable` with `arguments` and exactly `environment`, in `directory` when given.
    public convenience init(
        executable: String,
        arguments: [String],
        environment: [String: String],
        directory: String? = nil
    ) throws {
        let (pid, input, output, errors) = try Self.spawning.withLock { _ in
            try Self.spawn(executable, arguments, environment, directory)
        }
        self.init(pid: pid, input: input, output: output, errors: errors)
    }

    private init(pid: pid_t, input: Int32, output: Int32, errors: Int32) {
        self.pid = pid
        self.input = input
        self.output = output
        self.errors = errors
    }

    private static func spawn(
        _ executable: String,
        _ arguments: [String],
        _ environment: [String: String],
        _ directory: String?
    ) throws -> (pid_t, Int32, Int32, Int32) {
        let pipes = try (0..<3).map { _ in try Self.pipe() }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipes[0].read, 0)
        posix_spawn_file_actions_adddup2(&actions, pipes[1].write, 1)
        posix_spawn_file_actions_adddup2(&actions, pipes[2].write, 2)
        // `posix_spawn_file_actions_addchdir_np` is not visible to Swift: `env -C` changes folder.
        let command = directory.map { ["/usr/bin/env", "-C", $0, executable] } ?? [executable]
        let argv = (command + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp {
                free(pointer)
            }
        }

        var child: pid_t = 0
        let status = posix_spawn(&child, command[0], &actions, nil, argv, envp)
        close(pipes[0].read)
        close(pipes[1].write)
        close(pipes[2].write)
        guard status == 0 else {
            for descriptor in [pipes[0].write, pipes[1].read, pipes[2].read] {
                close(descriptor)
            }
            throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO)
        }
        return (child, pipes[0].write, pipes[1].read, pipes[2].read)
    }

    /// Sends `signal` to the child.
    public func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Writes `stdin` to the child, closes its input, reads both outputs to their end, and waits
    /// for it to exit. Blocks: call it from a dedicated thread.
    public func finish(stdin: Data = Data()) -> Result {
        var pending = [UInt8](stdin)
        var collected: [Int32: Data] = [output: Data(), errors: Data()]
        var open: Set<Int32> = [output, errors]
        var writing = !pending.isEmpty
        if !writing {
            close(input)
        }

        while !open.isEmpty || writing {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if writing {
                fds.append(pollfd(fd: input, events: Int16(POLLOUT), revents: 0))
            }
            guard poll(&fds, nfds_t(fds.count), -1) >= 0 || errno == EINTR else {
                break
            }
            for entry in fds where entry.revents != 0 {
                if entry.fd == input {
                    writing = write(&pending)
                } else if !read(entry.fd, into: &collected) {
                    open.remove(entry.fd)
                    close(entry.fd)
                }
            }
        }
        return Result(status: waitForExit(), stdout: collected[output] ?? Data(), stderr: collected[errors] ?? Data())
    }

    /// Runs a child to its end on a thread of its own.
    public static func run(
        executable: String,
        arguments: [String],
        environment: [String: String],
        directory: String? = nil,
        stdin: Data = Data()
    ) async throws -> Result {
        try await onDedicatedThread {
            let child = try ChildProcess(
                executable: executable,
                arguments: arguments,
                environment: environment,
                directory: directory
            )
            return child.finish(stdin: stdin)
        }
    }

    private func write(_ pending: inout [UInt8]) -> Bool {
        let written = pending.withUnsafeBytes { Glibc.write(input, $0.baseAddress, $0.count) }
        if written > 0 {
            pending.removeFirst(written)
        }
        guard written < 0 ? errno == EINTR || errno == EAGAIN : !pending.isEmpty else {
            close(input)
            return false
        }
        return true
    }

    private func read(_ descriptor: Int32, into collected: inout [Int32: Data]) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 {
            collected[descriptor, default: Data()].append(contentsOf: buffer[0..<count])
            return true
        }
        return count < 0 && errno == EINTR
    }

    private func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard Glibc.pipe(&ends) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        return (ends[0], ends[1])
    }
}
