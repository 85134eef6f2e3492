// ChanstatDashboard
