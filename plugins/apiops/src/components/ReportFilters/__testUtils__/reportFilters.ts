import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

/** Picks `option` in the type filter of a report, the select named `label`. */
export async function chooseTypeFilter(label: RegExp, option: string) {
  await userEvent.click(screen.getByRole('button', { name: label }));
  await userEvent.click(screen.getByRole('option', { name: option }));
}

/** Types `text` into the text filter of a report named `label`, e.g. Owner. */
export async function typeTextFilter(label: string, text: string) {
  await userEvent.click(screen.getByRole('textbox', { name: label }));
  await userEvent.paste(text);
}
