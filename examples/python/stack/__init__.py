"""The reference stack's parts, one module per concern: configuration, data, IAM, endpoints."""
