import type {
  MethodLine,
  MethodStation,
} from '@apiops-backstage/plugin-apiops-common';
import { methodModel } from '../EntityApiOpsCommon/__fixtures__/apiops';
import { metroLayout } from './metroLayout';

const station = (id: string, lines: string[] = []): MethodStation => ({
  id,
  lifecycleStage: 'design',
  title: id,
  description: '',
  outcomes: [],
  steps: [],
  criteria: [],
  stakeholders: [],
  lines,
  expectedEvidenceTags: [],
  resources: [],
});

const line = (id: string, stations: string[]): MethodLine => ({
  id,
  title: id,
  description: '',
  color: '#000',
  stations,
});

describe('metroLayout', () => {
  it('lays the method lines out as one loop with the two branch lines as stubs', () => {
    const layout = metroLayout(methodModel.stations, methodModel.lines);

    // Every stretch of the API productization cycle has exactly one line, so
    // the lines share one row.
    expect(layout.tracks.map(t => [t.line.id, t.from, t.row])).toEqual([
      ['platform-architecture-line', 0, 0],
      ['platform-architecture-line', 1, 0],
      ['api-design-line', 2, 0],
      ['api-design-line', 3, 0],
      ['api-design-line', 4, 0],
      ['publishing-and-adoption-line', 5, 0],
      ['publishing-and-adoption-line', 6, 0],
    ]);
    expect(layout.loopLines.map(l => l.id)).toEqual([
      'business-opportunities-line',
    ]);
    expect(layout.stubs.map(s => [s.line.id, s.station, s.row])).toEqual([
      ['delivery-line', 4, 1],
      ['operating-model-line', 0, 1],
    ]);
    expect(layout.rows).toBe(2);
    expect(layout.lines.map(l => l.line.id)).toEqual(
      methodModel.lines.map(l => l.id),
    );
  });

  it('puts lines sharing a stretch on rows of their own', () => {
    const stations = [station('a'), station('b'), station('c')];
    const layout = metroLayout(stations, [
      line('one', ['a', 'b']),
      line('two', ['a', 'b', 'c']),
      line('three', ['b', 'c']),
    ]);

    expect(layout.tracks.map(t => [t.line.id, t.from, t.row])).toEqual([
      ['one', 0, 0],
      ['two', 0, 1],
      ['two', 1, 1],
      ['three', 1, 0],
    ]);
    expect(layout.rows).toBe(2);
  });

  it('takes a line to stop where the station names it, and leaves out lines with no core station', () => {
    const stations = [station('a', ['side']), station('b'), station('c')];
    const layout = metroLayout(stations, [
      line('side', ['x', 'y']),
      line('elsewhere', ['x']),
    ]);

    expect(layout.lines.map(l => l.line.id)).toEqual(['side']);
    expect(layout.stubs.map(s => [s.line.id, s.station, s.row])).toEqual([
      ['side', 0, 1],
    ]);
    expect(layout.tracks).toEqual([]);
    expect(layout.loopLines).toEqual([]);
  });
});
