import pytest

from tests.committees.s3 import S3, build_s3


@pytest.fixture
def s3(world) -> S3:
    return build_s3(world)
