"""Real images for upload tests: uploads are decoded and re-encoded (peygir/core/files.py), so a
magic number followed by zeros is refused as a broken image."""

from io import BytesIO


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (8, 6), *, colour: str = "teal") -> bytes:
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt)
    return buffer.getvalue()


PNG = image_bytes("PNG")
JPG = image_bytes("JPEG")
