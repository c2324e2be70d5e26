/// Where the steps of the resolution running in the current task are reported, if anywhere.
enum ResolutionObserver {
    /// The observer of the current task's resolution.
    @TaskLocal static var current: (@Sendable (ResolutionEvent) -> Void)?

    /// Reports `event` to the current observer, if there is one.
    static func report(_ event: ResolutionEvent) {
        current?(event)
    }
}
