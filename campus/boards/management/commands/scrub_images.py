from django.core.management.base import BaseCommand
from tqdm import tqdm

from campus.boards.models import PostImage
from campus.boards.services import post_image_scrub


class Command(BaseCommand):
    help = (
        "Re-encode every stored post image without its metadata (EXIF/GPS, XMP, IPTC, comments), "
        "upright and in sRGB, under a new file name. Safe to run again."
    )

    def handle(self, *args, **options):
        images = PostImage.objects.order_by("pk")
        cleaned = unreadable = 0
        for image in tqdm(images.iterator(chunk_size=500), total=images.count(), unit="image"):
            if post_image_scrub(image=image):
                cleaned += 1
            else:
                unreadable += 1
                self.stderr.write(f"post image {image.pk}: stored file missing or unreadable")
        self.stdout.write(f"{cleaned} images cleaned, {unreadable} unreadable")
