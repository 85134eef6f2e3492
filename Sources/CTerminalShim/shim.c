// Filled by the terminal work.
