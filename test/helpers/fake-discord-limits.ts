/** Checks a message body the way Discord does, returning the first broken limit (Discord answers 400). */
export function messageLimitError(body: Record<string, unknown>): string | null {
  const content = typeof body.content === 'string' ? body.content : '';
  if (content.length > 2000) return 'content: Must be 2000 or fewer in length.';
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Record<string, unknown>[]) : [];
  if (embeds.length > 10) return 'embeds: Must be 10 or fewer in length.';
  let total = 0;
  for (const [index, embed] of embeds.entries()) {
    const title = String(embed.title ?? '');
    const description = String(embed.description ?? '');
    const footer = String((embed.footer as { text?: string } | undefined)?.text ?? '');
    const author = String((embed.author as { name?: string } | undefined)?.name ?? '');
    const fields = Array.isArray(embed.fields) ? (embed.fields as { name: string; value: string }[]) : [];
    if (title.length > 256) return `embeds.${index}.title: Must be 256 or fewer in length.`;
    if (description.length > 4096) return `embeds.${index}.description: Must be 4096 or fewer in length.`;
    if (footer.length > 2048) return `embeds.${index}.footer.text: Must be 2048 or fewer in length.`;
    if (author.length > 256) return `embeds.${index}.author.name: Must be 256 or fewer in length.`;
    if (fields.length > 25) return `embeds.${index}.fields: Must be 25 or fewer in length.`;
    for (const field of fields) {
      if (field.name.length > 256 || field.name.length === 0)
        return `embeds.${index}.fields.name: bad length`;
      if (field.value.length > 1024 || field.value.length === 0)
        return `embeds.${index}.fields.value: bad length`;
      total += field.name.length + field.value.length;
    }
    total += title.length + description.length + footer.length + author.length;
  }
  if (total > 6000) return 'embeds: Embed size exceeds maximum size of 6000';
  if (content === '' && embeds.length === 0 && !body.components) return 'Cannot send an empty message';
  return null;
}
