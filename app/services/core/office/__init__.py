"""The office's own settings: their declarations (dto) and the service that stores them."""
