export interface TrainingRow {
  text: string;
  label: 0 | 1;
  lang: string;
  source: string;
  origin: string;
  weighKey: string;
  group: string;
  conflict?: boolean;
}

export function loadTrainingRows(
  root: string,
  normalise: (text: string) => string,
): { rows: TrainingRow[]; train: TrainingRow[]; test: TrainingRow[] };
