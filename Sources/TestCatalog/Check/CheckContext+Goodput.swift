import QUICTrace

/// The value of upstream's goodput and cross-traffic measurements.
extension CheckContext {
    /// Upstream `MeasurementGoodput`: `8 * bytes` over the milliseconds between the server's first and last 1-RTT
    /// packets in the client-side trace, in kbit/s; an empty interval fails the measurement, as upstream.
    func goodput(of bytes: Int) throws(CheckStop) -> Double {
        guard let kbps = try clientTrace().goodputKbps(transferredBytes: bytes) else {
            throw .failed("the server's 1-RTT packets span no time, so no goodput can be computed")
        }
        return kbps
    }
}
