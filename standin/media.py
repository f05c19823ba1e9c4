"""Photos as Telegram describes them: PhotoSize entries with real dimensions when we can tell.

Reading width/height from PNG/JPEG/GIF headers keeps `photo[-1].width` honest without an
imaging library; anything unrecognised gets a plausible camera size.
"""

from __future__ import annotations

import struct
from typing import Any

from .records import StoredFile

DEFAULT_SIZE = (1280, 960)


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + length
    return None


def image_size(data: bytes) -> tuple[int, int]:
    """(width, height) from the image header, or DEFAULT_SIZE."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return width, height
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data) or DEFAULT_SIZE
    return DEFAULT_SIZE


def photo_sizes(stored: StoredFile) -> list[dict[str, Any]]:
    """The `photo` array of a message carrying this file (one size: the original)."""
    width, height = image_size(stored.data)
    return [
        {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "width": width,
            "height": height,
            "file_size": len(stored.data),
        }
    ]


def extension(filename: str, default: str) -> str:
    """The file name's extension, for a believable file_path."""
    _, dot, ext = filename.rpartition(".")
    return ext.lower() if dot and ext and len(ext) <= 5 else default
