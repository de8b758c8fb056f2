"""Nova's fake hypervisor, adapted so instance snapshots become real, active Glance images.

Why: FakeDriver.snapshot() uploads no data, so a createImage image stays 'queued' forever; this
driver uploads 1 MiB as libvirt would. It derives from FakeDriverWithoutFakeNodes because
FakeDriver never records its node identity and refuses to restart.
"""

import io

from nova.image import glance
from nova.virt import fake


class NuboFakeDriver(fake.FakeDriverWithoutFakeNodes):
    def snapshot(self, context, instance, image_id, update_task_state):
        super().snapshot(context, instance, image_id, update_task_state)
        glance.API().update(
            context,
            image_id,
            {"disk_format": "raw", "container_format": "bare"},
            io.BytesIO(b"\0" * (1024 * 1024)),
            purge_props=False,
        )
