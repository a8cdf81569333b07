import type { ChannelSpec, Manifest } from './types.ts';

/** Renders a channel as `Channel = uri, alias, type, etag, gets, get_size, puts, put_size`. */
export function printChannel(c: ChannelSpec): string {
  const fields = [c.uri, c.alias, c.type, c.etag ? 1 : 0, c.gets, c.getSize, c.puts, c.putSize];
  return `Channel = ${fields.join(', ')}`;
}

/** Renders a manifest as canonical text: required keys, optional keys, then one line per channel. */
export function printManifest(m: Manifest): string {
  const lines = [
    `Version = ${m.version}`,
    `Program = ${m.program}`,
    `Memory = ${m.memory}, ${m.memoryEtag ? 1 : 0}`,
    `Timeout = ${m.timeout}`,
  ];
  if (m.nameServer !== undefined) lines.push(`NameServer = ${m.nameServer}`);
  if (m.node !== undefined) lines.push(`Node = ${m.node}`);
  if (m.job !== undefined) lines.push(`Job = ${m.job}`);
  if (m.etag !== undefined) lines.push(`Etag = ${m.etag}`);
  for (const channel of m.channels) lines.push(printChannel(channel));
  return `${lines.join('\n')}\n`;
}
