"""The stopped clock in the window: the pause section of the request and referral panes."""
