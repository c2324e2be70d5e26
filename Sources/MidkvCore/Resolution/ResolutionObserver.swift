/// Where the steps of the resolution running in the current task are reported, if anywhere.
///
/// The observer is held in a struct rather than as an optional closure: with Swift 6.3,
/// release builds crash in `TaskLocal.withValue` when the task-local value is an optional
/// function type.
struct ResolutionObserver: Sendable {
    /// The observer of the current task's resolution.
    @TaskLocal static var current = ResolutionObserver(receive: nil)

    /// The function that receives the events, if any.
    let receive: (@Sendable (ResolutionEvent) -> Void)?
    /// The token step of the current resolution; `nil` outside a resolution.
    let tokenStep: TokenStep?

    /// An observer that passes events to `receive`, for a resolution with `tokenStep`.
    init(receive: (@Sendable (ResolutionEvent) -> Void)?, tokenStep: TokenStep? = nil) {
        self.receive = receive
        self.tokenStep = tokenStep
    }

    /// Reports `event` to the current task's observer, if there is one.
    static func report(_ event: ResolutionEvent) {
        current.receive?(event)
    }
}
