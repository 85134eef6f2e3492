// ChanstatDashboardTests
