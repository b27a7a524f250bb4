"""The satisfaction-call page (تماس رضایت): a list to work through by keyboard."""
