// The project files and modules under test of the Jest compat suite (compat-jest-suite.mjs writes
// them): the suite's jest.config.js and setup file, the local api module every test file mocks,
// and the real modules that require it: React components (jsdom files) or a server-rendered report
// (node files), both with lodash.

export const CONFIG = `module.exports = {
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/**/*.test.js'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.js'],
  clearMocks: true,
};
`;

export const SETUP = `'use strict';
// A custom matcher, as a project's setup file adds one.
expect.extend({
  toBeWithinRange(received, floor, ceiling) {
    const pass = received >= floor && received <= ceiling;
    return { pass, message: () => \`expected \${received} \${pass ? 'not ' : ''}to be within \${floor}..\${ceiling}\` };
  },
});
`;

/** The module every test file mocks: its real functions throw, so a mock that did not apply fails loudly. */
export const apiSource = (id) => `'use strict';
// The real client behind widget-${id} / report-${id}: the tests replace it with jest.mock's factory.
exports.SOURCE = 'live';
exports.fetchItems = function fetchItems(query) {
  throw new Error(\`api-${id}: the real fetchItems(\${query}) ran; the mock did not apply\`);
};
exports.track = function track(event, detail) {
  throw new Error(\`api-${id}: the real track(\${event}, \${JSON.stringify(detail)}) ran; the mock did not apply\`);
};
`;

/** Shared by both kinds of module under test: a lodash helper. */
const SUMMARIZE = `function summarize(entries) {
  const groups = _.groupBy(entries, (entry) => entry.kind);
  return { total: _.sumBy(entries, 'points'), kinds: _.sortBy(Object.keys(groups)), largest: _.maxBy(entries, 'points').name };
}`;

/** The components under test (jsdom files): React without JSX, lodash's debounce, the mocked api. */
export const widgetSource = (id) => `'use strict';
const React = require('react');
const _ = require('lodash');
const api = require('./api-${id}');

const h = React.createElement;

function Counter({ label, storageKey }) {
  const [count, setCount] = React.useState(0);
  if (!label) console.warn('Counter ${id}: no label');
  const increment = () => {
    setCount(count + 1);
    window.localStorage.setItem(storageKey, String(count + 1));
  };
  return h('button', { type: 'button', onClick: increment }, \`\${label || 'count'}: \${count}\`);
}

function SearchBox({ delay, initialQuery = '' }) {
  const [query, setQuery] = React.useState(initialQuery);
  const [hint, setHint] = React.useState('idle');
  const [items, setItems] = React.useState([]);
  const announce = React.useMemo(
    () => _.debounce((q) => { api.track('typed', { query: q }); setHint(\`searching for \${q}\`); }, delay),
    [delay],
  );
  React.useEffect(() => () => announce.cancel(), [announce]);
  const search = () => api.fetchItems(query).then((found) => setItems(_.sortBy(found)));
  return h('form', { onSubmit: (event) => { event.preventDefault(); search(); } },
    h('input', { type: 'search', 'aria-label': 'query', value: query, onChange: (event) => { setQuery(event.target.value); announce(event.target.value); } }),
    h('button', { type: 'submit' }, 'Search'),
    h('p', { role: 'status' }, hint),
    h('ul', null, items.map((item) => h('li', { key: item }, item))));
}

function Ticker({ every }) {
  const [ticks, setTicks] = React.useState(0);
  React.useEffect(() => {
    const timer = setInterval(() => setTicks((n) => n + 1), every);
    return () => clearInterval(timer);
  }, [every]);
  return h('span', null, \`elapsed \${ticks}\`);
}

function Card({ title, entries }) {
  return h('section', { className: 'card card-${id}' },
    h('h2', null, title),
    h('ul', null, entries.map((entry) => h('li', { key: entry.name, 'data-kind': entry.kind }, \`\${entry.name}: \${entry.points}\`))));
}

${SUMMARIZE}

module.exports = { Counter, SearchBox, Ticker, Card, summarize };
`;

/** The module under test of the node files: server rendering, lodash, the mocked api, timers. */
export const reportSource = (id) => `'use strict';
const React = require('react');
const { renderToString } = require('react-dom/server');
const _ = require('lodash');
const api = require('./api-${id}');

const h = React.createElement;

const Table = ({ title, rows }) =>
  h('table', null, h('caption', null, title), h('tbody', null, rows.map((row) => h('tr', { key: row.name }, h('td', null, row.name), h('td', null, row.points)))));

const renderReport = (title, rows) => renderToString(h(Table, { title, rows }));

${SUMMARIZE}

async function loadReport(id) {
  const entries = await api.fetchItems(id);
  api.track('report', { id, entries: entries.length });
  return summarize(entries);
}

function poll(check, every) {
  const timer = setInterval(() => { if (check()) clearInterval(timer); }, every);
  return timer;
}

module.exports = { renderReport, summarize, loadReport, poll };
`;

export const KINDS = ['alpha', 'beta', 'gamma'];

/** A value as a test file's author writes it: `{ name: 'r0', points: 3 }`. */
export const literal = (v) =>
  Array.isArray(v) ? `[${v.map(literal).join(', ')}]`
  : typeof v === 'object' ? `{ ${Object.entries(v).map(([k, x]) => `${k}: ${literal(x)}`).join(', ')} }`
  : typeof v === 'string' ? `'${v}'` : String(v);
