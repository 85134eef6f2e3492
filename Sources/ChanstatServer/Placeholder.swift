// ChanstatServer
