import sharp from 'sharp';

/** The longest side of a thumbnail, in pixels: sharp at 2× for the 40–64 px list avatars and phone cards. */
export const THUMBNAIL_EDGE = 256;
/** Larger images are not decoded at all (a phone's 50-megapixel photo fits; a decompression bomb does not). */
const MAX_INPUT_PIXELS = 100_000_000;

// One libvips worker per image and no operation cache: thumbnails are made one at a time on upload,
// and the server's memory should not grow with the photos it has seen.
sharp.concurrency(1);
sharp.cache(false);

export interface Thumbnail {
  bytes: Buffer;
  width: number;
  height: number;
}

/**
 * A small WebP of an image (JPEG, PNG or WebP), turned upright by its EXIF orientation, with every
 * piece of metadata (EXIF, GPS position, ICC profile) left out. Null when the image cannot be
 * decoded — the file stays downloadable, it only has no thumbnail.
 */
export async function makeThumbnail(image: Buffer): Promise<Thumbnail | null> {
  try {
    const { data, info } = await sharp(image, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 72 })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.height };
  } catch {
    return null;
  }
}
