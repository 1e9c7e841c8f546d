/* Camera motion over a still picture: where the picture sits in the frame (a uniform
 * scale and an offset, both real numbers) at a point of its scene. Pure maths so frames
 * can be drawn on any thread and the motion tested without pixels. */
#ifndef SC_MEDIA_CAMERA_H
#define SC_MEDIA_CAMERA_H

#include "model/story.h"

typedef struct sc_cam_pose {
    double scale;  /* output pixels per source pixel */
    double tx, ty; /* output position of the source's top-left corner */
} sc_cam_pose;

/* The ease-in-out curve used for every motion: 0 -> 1, slow at both ends but never
 * stopped, so the picture does not freeze at a scene's edges. */
double sc_cam_ease(double p);

/* The pose at progress p in [0, 1] (clamped) of a scene whose picture is src_w x src_h
 * drawn into out_w x out_h. The picture always covers the whole frame. */
sc_cam_pose sc_cam_pose_at(sc_camera cam, double p, int src_w, int src_h, int out_w, int out_h);

#endif
