import type { Sharp, SharpOptions } from 'sharp';

/** The longest side of a thumbnail, in pixels: sharp at 2× for the 40–64 px list avatars and phone cards. */
export const THUMBNAIL_EDGE = 256;
/** Larger images are not decoded at all (a phone's 50-megapixel photo fits; a decompression bomb does not). */
const MAX_INPUT_PIXELS = 100_000_000;

let loading: Promise<(input: Buffer, options: SharpOptions) => Sharp> | null = null;

/**
 * sharp (and libvips) loaded on the first thumbnail, not at every server start: one libvips worker per
 * image and no operation cache, since thumbnails are made one at a time on upload and the server's
 * memory should not grow with the photos it has seen.
 */
function loadSharp() {
  loading ??= import('sharp').then(({ default: sharp }) => {
    sharp.concurrency(1);
    sharp.cache(false);
    return sharp;
  });
  return loading;
}

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
  const sharp = await loadSharp();
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
