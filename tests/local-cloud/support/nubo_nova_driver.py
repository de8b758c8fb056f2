"""Nova's fake hypervisor, adapted so instance snapshots become real, active Glance images.

Why: FakeDriver.snapshot() uploads no data, so a createImage image stays 'queued' forever; this
driver uploads 1 MiB as libvirt would. It derives from FakeDriverWithoutFakeNodes because
FakeDriver never records its node identity and refuses to restart. The fake hypervisor keeps
its instances in memory only; after a restart, get_info() adopts the instances Nova's database
still has, so a restarted local cloud can stop, start and snapshot its seeded servers.
"""

import io

from nova.compute import power_state, vm_states
from nova.image import glance
from nova.virt import fake


class NuboFakeDriver(fake.FakeDriverWithoutFakeNodes):
    def get_info(self, instance, use_cache=True):
        if instance.uuid not in self.instances and instance.vm_state in (
            vm_states.ACTIVE,
            vm_states.STOPPED,
        ):
            state = power_state.SHUTDOWN if instance.vm_state == vm_states.STOPPED else power_state.RUNNING
            self.instances[instance.uuid] = fake.FakeInstance(instance.name, state, instance.uuid)
        return super().get_info(instance, use_cache)

    def snapshot(self, context, instance, image_id, update_task_state):
        super().snapshot(context, instance, image_id, update_task_state)
        glance.API().update(
            context,
            image_id,
            {"disk_format": "raw", "container_format": "bare"},
            io.BytesIO(b"\0" * (1024 * 1024)),
            purge_props=False,
        )
