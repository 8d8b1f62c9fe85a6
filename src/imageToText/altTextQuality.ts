/**
 * Whether an image's alt text tells a screen reader user nothing: empty, a generic word
 * ("image", "screenshot"), the file name, or a camera or screenshot tool's automatic name. The
 * "Generate alt text" code action is offered on those.
 */

const GENERIC_WORDS = new Set([
  'alt', 'alt text', 'alttext', 'image', 'img', 'picture', 'pic', 'photo', 'photograph', 'screenshot', 'screen shot',
  'screen capture', 'graphic', 'figure', 'fig', 'diagram', 'chart', 'icon', 'logo', 'banner', 'thumbnail', 'placeholder',
  'untitled', 'file', 'attachment', 'description', 'todo', 'tbd', 'image here', 'insert image', 'enter image description here',
]);

/** Names that cameras, phones and screenshot tools give files. */
const AUTOMATIC_NAME = /^(img|dsc|dscn|dcim|pxl|photo|image|screenshot|screen shot|capture|clipboard|snip)[\s_-]*[\d\s_.:()-]*(at[\s\d_.:-]*(am|pm)?)?$/i;

export function isPoorAltText(alt: string, imageTarget: string): boolean {
  const text = normalise(alt);
  if (text === '') return true;
  if (GENERIC_WORDS.has(text) || /^(an? )?(image|picture|photo|screenshot) (of|showing)?$/.test(text)) return true;
  if (AUTOMATIC_NAME.test(text) || /^[\p{N}\p{P}\p{S}\s]+$/u.test(text)) return true;
  const file = fileName(imageTarget);
  return file !== '' && (text === normalise(file) || text === normalise(withoutExtension(file)) || /\.(png|jpe?g|gif|webp|svg|bmp|avif)$/.test(text));
}

function normalise(text: string): string {
  return text.replace(/\\(.)/g, '$1').trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
}

function fileName(target: string): string {
  let path = target.split(/[?#]/)[0];
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape: compare the name as written.
  }
  return path.split('/').pop() ?? '';
}

function withoutExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
