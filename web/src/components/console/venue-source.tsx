import { useSignal } from '@preact/signals';
import type { SectionInput } from '../../api/types';
import {
  generateVenue,
  parseVenueCsv,
  parseVenueJson,
  type VenueImport,
  venueCapacity,
} from './venue-import';

/**
 * Where the venue map comes from: a JSON file, a CSV file (`section,row,seats,tier`) or the
 * generator. Shows what the event has now; a new source replaces it when the form is saved.
 */
export function VenueSource(props: {
  sections: SectionInput[];
  tierIds: string[];
  onVenue: (venue: VenueImport) => void;
}) {
  const error = useSignal<string | null>(null);
  const plan = useSignal({ sections: 4, rows: 10, seatsPerRow: 20 });

  const load = async (input: HTMLInputElement, parse: (text: string) => VenueImport) => {
    const file = input.files?.[0];
    if (!file) return;
    try {
      props.onVenue(parse(await file.text()));
      error.value = null;
    } catch (e) {
      error.value = `${file.name}: ${(e as Error).message}`;
    }
    input.value = '';
  };

  const number = (key: keyof typeof plan.value) => (
    <label>
      {key === 'seatsPerRow' ? 'Seats per row' : key === 'rows' ? 'Rows' : 'Sections'}
      <input
        type="number"
        min={1}
        max={key === 'seatsPerRow' ? 200 : 100}
        value={plan.value[key]}
        onInput={(e) => {
          plan.value = { ...plan.value, [key]: Number(e.currentTarget.value) };
        }}
      />
    </label>
  );

  const { sections } = props;
  return (
    <fieldset class="venue-source">
      <legend>Venue map</legend>
      <p data-testid="venue-summary">
        {sections.length === 0
          ? 'No venue yet.'
          : `${sections.length} ${sections.length === 1 ? 'section' : 'sections'}, ${venueCapacity(sections)} places.`}
      </p>
      <div class="row">
        <label>
          JSON file
          <input
            type="file"
            accept=".json,application/json"
            onChange={(e) => load(e.currentTarget, parseVenueJson)}
          />
        </label>
        <label>
          CSV file (section,row,seats,tier)
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => load(e.currentTarget, parseVenueCsv)}
          />
        </label>
      </div>
      <div class="row generator">
        {number('sections')}
        {number('rows')}
        {number('seatsPerRow')}
        <button
          type="button"
          onClick={() => {
            props.onVenue(generateVenue({ ...plan.value, tierIds: props.tierIds }));
            error.value = null;
          }}
        >
          Generate venue
        </button>
      </div>
      {error.value && (
        <p class="notice" role="alert">
          {error.value}
        </p>
      )}
    </fieldset>
  );
}
