// Moved beside the layout it corrects: the run page's read-only canvas keeps exit sides too.
export { keepExitSides } from '../canvas/exitSides';
