// ChanstatHTTP
