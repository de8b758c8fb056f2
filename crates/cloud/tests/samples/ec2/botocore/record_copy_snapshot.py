# Records the body botocore sends for an encrypted CopySnapshot, its PresignedUrl included, at
# the time and with the keys of the SigV4 test suite; nubo-cloud checks its own against it.
# Run with the local cloud's moto environment (it has botocore):
#   ~/.cache/nubo/venv-moto-*/bin/python3 record_copy_snapshot.py > CopySnapshot-request.txt
import datetime, sys
from unittest import mock
import botocore.session
from botocore.awsrequest import AWSResponse

captured = {}
def send(request, **kw):
    captured['body'] = request.body.decode() if isinstance(request.body, bytes) else request.body
    class Raw:
        def stream(self, *a, **k): yield b''
    body = b'<CopySnapshotResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><snapshotId>snap-1</snapshotId></CopySnapshotResponse>'
    r = AWSResponse(request.url, 200, {}, Raw())
    r._content = body
    return r

at = datetime.datetime(2015, 8, 30, 12, 36, 0)
s = botocore.session.get_session()
c = s.create_client('ec2', region_name='eu-central-1', aws_access_key_id='AKIDEXAMPLE',
                    aws_secret_access_key='wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY')
c.meta.events.register('before-send.ec2.CopySnapshot', send)
with mock.patch('botocore.auth.get_current_datetime', return_value=at):
    c.copy_snapshot(SourceRegion='us-east-1', SourceSnapshotId='snap-0123456789abcdef0',
                    Description='[Copied snap-0123456789abcdef0 from us-east-1] db weekly',
                    Encrypted=True, KmsKeyId='arn:aws:kms:eu-central-1:123456789012:alias/backup',
                    TagSpecifications=[{'ResourceType': 'snapshot', 'Tags': [{'Key': 'Name', 'Value': 'db copy'}]}])
print(captured['body'])
