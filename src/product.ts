// The product's name, in one place: the build writes it into the manifest, and every page shows it from here.
export const PRODUCT_NAME = 'Margin';
