import type { PanelSection } from './panel-ids.js';

/**
 * What the panel shows: a section, and in the schedule section the region (and page) whose zones are listed.
 * It is drawn from the stored settings and the control that was clicked, never from memory.
 */
export interface PanelView {
  section: PanelSection;
  zones?: { region: string; page: number };
}

export const FIRST_VIEW: PanelView = { section: 'schedule' };
