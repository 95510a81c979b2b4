/**
 * The small Markdown an analyst writes in a narrative: paragraphs, "- " bullet lists, **bold**,
 * *italic* and `code`. Everything is escaped first, so no markup or script in the file reaches the page.
 */
import { esc } from './format.ts';

const inline = (t: string): string =>
  esc(t)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\*(.+?)\*/g, '<em>$1</em>');

export function markdownHtml(md: string): string {
  return md
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((b) => b !== '')
    .map((block) => {
      const lines = block.split('\n');
      if (lines.every((l) => /^\s*[-*]\s+/.test(l))) {
        return `<ul class="govuk-list govuk-list--bullet">${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*]\s+/, ''))}</li>`).join('')}</ul>`;
      }
      return `<p class="govuk-body">${inline(lines.join(' '))}</p>`;
    })
    .join('\n');
}
