// ChanstatEndToEndTests
