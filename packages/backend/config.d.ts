export interface Config {
  /** Settings of the example portal only. */
  examplePortal?: {
    /**
     * The directory, relative to the backend's working directory, where the
     * `portal:entity:publish` action writes the entities that templates
     * create. The catalog must read `<directory>/*.yaml` through a `file`
     * location.
     */
    entitiesDirectory?: string;
  };
}
