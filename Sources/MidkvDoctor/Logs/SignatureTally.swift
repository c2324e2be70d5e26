/// The running count of one signature variant during a scan. Its sample holds the raw text until
/// the report masks it.
struct SignatureTally {
    let signature: Int
    let variant: String?
    var count = 0
    var first: LogTimestamp?
    var last: LogTimestamp?
    var sample: LogSample
    var host: String?

    /// Counts one more matching record.
    mutating func add(time: LogTimestamp?, sample: LogSample, host: String?) {
        count += 1
        first = first ?? time
        last = time ?? last
        self.sample = sample
        self.host = host ?? self.host
    }
}
