/** The pre-training alignment diagnostic (`ssad diagnose`): the public API of `src/engine/diagnose`. */
export {
  DEFAULT_DIAGNOSIS_DISTANCE,
  DEFAULT_DIAGNOSIS_FEATURE,
  DIAGNOSIS_SET_LIMIT,
  diagnoseAlignment,
  diagnoseTasks,
  prepareTask,
  type DiagnoseOptions,
  type PreparedTask,
  type SeededTask,
  type TaskDiagnosis,
} from './diagnose';
export {
  FEATURE_SPACES,
  MAX_FEATURE_SIDE,
  extractFeatures,
  featureDimension,
  pixelFeatures,
  randomConvFeatures,
  randomConvFilters,
  selectRows,
  type FeatureMatrix,
  type FeatureSpace,
} from './features';
export {
  DISTANCE_NAMES,
  PointSet,
  energyDistance,
  medianHeuristicBandwidth,
  mmd2,
  type DistanceName,
  type Points,
} from './twoSampleDistance';
