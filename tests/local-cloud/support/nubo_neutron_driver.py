"""An ML2 mechanism driver that binds every port, with no agent and no data plane.

Why: with no mechanism driver Neutron cannot bind a port, and Nova refuses every server on a
network ("Binding failed for port"). Servers with ports are what carry security groups and
networks, which Launch copy must keep. Nova's fake driver plugs nothing, so any VIF type does.
Registered through the entry point beside it (nubo_local_cloud-1.0.dist-info), which stevedore
finds on PYTHONPATH.
"""

from neutron_lib import constants
from neutron_lib.api.definitions import portbindings
from neutron_lib.plugins.ml2 import api


class BindAllMechanismDriver(api.MechanismDriver):
    def initialize(self):
        pass

    def bind_port(self, context):
        for segment in context.segments_to_bind:
            context.set_binding(
                segment[api.ID],
                portbindings.VIF_TYPE_OTHER,
                {portbindings.CAP_PORT_FILTER: False},
                status=constants.PORT_STATUS_ACTIVE,
            )
            return
