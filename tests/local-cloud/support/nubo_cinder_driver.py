"""A Cinder volume driver that keeps volumes and snapshots as sparse files.

Why: Cinder's shipped FakeLoggingVolumeDriver hands out iSCSI connections, so cinder-backup
cannot read a volume or snapshot and every backup fails. With files and os-brick's 'local'
connector, the in-tree posix backup driver reads them like block devices. local_path is what
the LVM driver underneath uses to copy an image into a volume (qemu-img convert) and a volume
into an image: the file, not an LVM device.
"""

import os
import shutil

from cinder.tests import fake_driver
from oslo_config import cfg

GIB = 1024**3


class FileVolumeDriver(fake_driver.FakeLoggingVolumeDriver):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.protocol = "local"
        self._folder = None

    def do_setup(self, context):
        self._folder = os.path.join(cfg.CONF.state_path, "volumes")
        os.makedirs(self._folder, exist_ok=True)

    def check_for_setup_error(self):
        pass

    def _path(self, kind, resource):
        if self._folder is None:
            self.do_setup(None)
        return os.path.join(self._folder, f"{kind}-{resource.id}")

    @staticmethod
    def _sized(path, size_gb):
        with open(path, "ab") as f:
            if os.path.getsize(path) < size_gb * GIB:
                f.truncate(size_gb * GIB)

    def local_path(self, volume, vg=None):
        return self._path("volume", volume)

    def create_volume(self, volume):
        self._sized(self._path("volume", volume), volume.size)

    def create_volume_from_snapshot(self, volume, snapshot):
        shutil.copyfile(self._path("snapshot", snapshot), self._path("volume", volume))
        self._sized(self._path("volume", volume), volume.size)

    def create_cloned_volume(self, volume, src_vref):
        shutil.copyfile(self._path("volume", src_vref), self._path("volume", volume))
        self._sized(self._path("volume", volume), volume.size)

    def create_snapshot(self, snapshot):
        shutil.copyfile(self._path("volume", snapshot.volume), self._path("snapshot", snapshot))

    def delete_volume(self, volume):
        _remove(self._path("volume", volume))

    def delete_snapshot(self, snapshot):
        _remove(self._path("snapshot", snapshot))

    def extend_volume(self, volume, new_size):
        self._sized(self._path("volume", volume), new_size)

    def validate_connector(self, connector):
        pass  # the shipped one insists on an iSCSI initiator

    def initialize_connection(self, volume, connector, **kwargs):
        return {
            "driver_volume_type": "local",
            "data": {"device_path": self._path("volume", volume), "access_mode": "rw"},
        }

    def initialize_connection_snapshot(self, snapshot, connector, **kwargs):
        return {
            "driver_volume_type": "local",
            "data": {"device_path": self._path("snapshot", snapshot), "access_mode": "ro"},
        }

    def terminate_connection(self, volume, connector, **kwargs):
        pass

    def terminate_connection_snapshot(self, snapshot, connector, **kwargs):
        pass

    def _update_volume_stats(self):
        super()._update_volume_stats()
        self._stats["storage_protocol"] = "local"
        for pool in self._stats["pools"]:
            pool.update(total_capacity_gb=1000, free_capacity_gb=1000, reserved_percentage=0)


def _remove(path):
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
