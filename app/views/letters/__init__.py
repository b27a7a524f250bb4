"""The referral's official letter on screen: the refer dialog's letter fields and printing."""
