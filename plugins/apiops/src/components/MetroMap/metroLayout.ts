import type {
  MethodLine,
  MethodStation,
} from '@apiops-backstage/plugin-apiops-common';

/** A stretch of a metro line between two neighbouring core stations. */
export interface MetroTrack {
  line: MethodLine;
  /** Index of the station the track leaves from; it ends at the next one. */
  from: number;
  /** The row the track is drawn on; 0 is the top row. */
  row: number;
}

/**
 * A metro line that stops at a core station without running to a
 * neighbouring one (it goes on to sub-stations only), drawn as a short stub.
 */
export interface MetroStub {
  line: MethodLine;
  station: number;
  row: number;
}

/** How the metro map draws the core stations of a cycle and their lines. */
export interface MetroLayout {
  tracks: MetroTrack[];
  stubs: MetroStub[];
  /** How many rows the tracks and stubs take. */
  rows: number;
  /** The lines that stop at a core station, in the method's order. */
  lines: Array<{ line: MethodLine; stations: MethodStation[] }>;
  /** The lines that close the loop from the last station back to the first. */
  loopLines: MethodLine[];
}

/**
 * Lays out the metro lines over the core stations of a cycle, in cycle
 * order. A line stops at a station when either names the other, and runs
 * between two neighbouring stations when it stops at both; a line stopping
 * at the first and the last station closes the loop. Lines share a row unless
 * they run along the same stretch, so that the map reads as one line where
 * the method has one line per stretch; stubs go on rows below the tracks.
 */
export function metroLayout(
  stations: ReadonlyArray<MethodStation>,
  lines: ReadonlyArray<MethodLine>,
): MetroLayout {
  const last = stations.length - 1;
  const layout: MetroLayout = {
    tracks: [],
    stubs: [],
    rows: 0,
    lines: [],
    loopLines: [],
  };
  // For each row, which stretches (by their `from` index) are taken.
  const trackRows: Array<Set<number>> = [];
  const pendingStubs: Array<{ line: MethodLine; station: number }> = [];

  for (const line of lines) {
    const touches = stations.map(
      station =>
        line.stations.includes(station.id) || station.lines.includes(line.id),
    );
    if (!touches.some(Boolean)) continue;
    layout.lines.push({
      line,
      stations: stations.filter((_, index) => touches[index]),
    });

    const stretches = touches
      .slice(0, -1)
      .map((touched, index) => (touched && touches[index + 1] ? index : -1))
      .filter(index => index >= 0);
    if (stretches.length > 0) {
      let row = trackRows.findIndex(taken =>
        stretches.every(index => !taken.has(index)),
      );
      if (row < 0) {
        row = trackRows.length;
        trackRows.push(new Set());
      }
      for (const index of stretches) {
        trackRows[row].add(index);
        layout.tracks.push({ line, from: index, row });
      }
    }

    const closesLoop = last > 1 && touches[0] && touches[last];
    if (closesLoop) layout.loopLines.push(line);

    touches.forEach((touched, index) => {
      if (!touched) return;
      const joined =
        (index > 0 && touches[index - 1]) ||
        (index < last && touches[index + 1]) ||
        (closesLoop && (index === 0 || index === last));
      if (!joined) pendingStubs.push({ line, station: index });
    });
  }

  const trackRowCount = Math.max(trackRows.length, 1);
  // For each stub row, which stations already have a stub on it.
  const stubRows: Array<Set<number>> = [];
  for (const stub of pendingStubs) {
    let row = stubRows.findIndex(taken => !taken.has(stub.station));
    if (row < 0) {
      row = stubRows.length;
      stubRows.push(new Set());
    }
    stubRows[row].add(stub.station);
    layout.stubs.push({ ...stub, row: trackRowCount + row });
  }
  layout.rows = trackRowCount + stubRows.length;
  return layout;
}
