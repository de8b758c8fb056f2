"""nubo's local cloud: real OpenStack services from PyPI and moto for EC2, on 127.0.0.1.

Run through `cargo xtask cloud up|down|reset|env|status`. This package uses only the standard
library; the OpenStack and moto code runs in virtual environments it creates.
"""
