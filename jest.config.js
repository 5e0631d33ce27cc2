/** Test layers as jest projects; `npm test` runs them all, `npm run test:<layer>` one. */
const layer = (name, extra = {}) => ({
  displayName: name,
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.json' }] },
  testEnvironment: 'node',
  ...extra,
});

module.exports = {
  projects: [
    layer('unit'),
    layer('conversation'),
    layer('integration'),
    layer('e2e'),
  ],
};
