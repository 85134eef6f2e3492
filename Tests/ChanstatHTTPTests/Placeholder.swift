// ChanstatHTTPTests
