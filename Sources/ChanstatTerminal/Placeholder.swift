// ChanstatTerminal
