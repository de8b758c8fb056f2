"""Starts nova-compute with the driver in nubo_nova_driver.

Why: Nova imports compute drivers only from nova.virt.<name>. nova.cmd.compute must be imported
first (it monkey-patches with eventlet); then the driver module is registered under that name.
"""

import sys

from nova.cmd import compute  # noqa: I001 - must come first, for eventlet

import nubo_nova_driver

sys.modules["nova.virt.nubo_fake"] = nubo_nova_driver
sys.exit(compute.main())
