import ChanstatCore
import NIOSSL

extension CertificateNames {
    /// The names of a NIOSSL certificate (its `_subjectAlternativeNames` is the only public way to read them),
    /// for both network sources' name check: `--url https://…` and PostgreSQL's verify-full.
    public init(_ certificate: NIOSSLCertificate) {
        self.init(generalNames: certificate._subjectAlternativeNames().map { (Int($0.nameType.rawValue), Array($0.contents)) })
    }
}
