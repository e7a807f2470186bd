interface ImportMetaEnv {
  readonly STORYBOOK_MEDIA_SERVER?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
