"""The referral tracker page (پیگیری ارجاعات) and the agency-performance panel."""
